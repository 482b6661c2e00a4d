// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// Max pooling on levels: a K x K window of stride S (no padding), the maximum per channel, one output register.
module d4j_maxpool #(
    parameter H = 4,
    parameter W = 4,
    parameter C = 1,
    parameter B = 2,
    parameter K = 2,
    parameter S = 2
) (
    input  wire           clk,
    input  wire           rst,
    input  wire           in_valid,
    output wire           in_ready,
    input  wire [C*B-1:0] in_data,
    output reg            out_valid,
    input  wire           out_ready,
    output reg  [C*B-1:0] out_data
);
    wire               win_valid;
    wire               win_ready = !out_valid || out_ready;
    wire [K*K*C*B-1:0] win;
    d4j_window #(.H(H), .W(W), .CB(C*B), .KH(K), .KW(K), .S(S), .P(0)) u_window (
        .clk(clk), .rst(rst), .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),
        .out_valid(win_valid), .out_ready(win_ready), .out_data(win));

    wire [C*B-1:0] maxima;
    genvar c;
    generate
        for (c = 0; c < C; c = c + 1) begin : g_channel
            reg [B-1:0] best;
            integer i;
            always @* begin
                best = win[c*B +: B];
                for (i = 1; i < K * K; i = i + 1) begin
                    if (win[(i*C+c)*B +: B] > best) best = win[(i*C+c)*B +: B];
                end
            end
            assign maxima[c*B +: B] = best;
        end
    endgenerate

    always @(posedge clk) begin
        if (rst) begin
            out_valid <= 1'b0;
        end else if (win_ready) begin
            out_valid <= win_valid;
            out_data  <= maxima;
        end
    end
endmodule
